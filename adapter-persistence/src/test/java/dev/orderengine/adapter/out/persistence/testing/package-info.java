/**
 * Test harness exported in the module's test-jar: fresh, migrated H2 and PostgreSQL databases per test class
 * ({@link dev.orderengine.adapter.out.persistence.testing.TestDatabase}) and short fixtures over the ports.
 */
package dev.orderengine.adapter.out.persistence.testing;
