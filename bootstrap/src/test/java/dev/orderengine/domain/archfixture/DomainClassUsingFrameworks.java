package dev.orderengine.domain.archfixture;

import jakarta.persistence.Entity;
import java.time.Instant;

/** A deliberately wrong "domain" class (test code only): JPA-annotated and reading the wall clock. */
@Entity
public class DomainClassUsingFrameworks {

    public Instant stamp() {
        return Instant.now();
    }
}
