/** The storage adapter: every driven port on H2 or PostgreSQL through Hibernate, HikariCP and Flyway migrations. */
package dev.orderengine.adapter.out.persistence;
