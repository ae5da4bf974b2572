/**
 * The clock-driven inbound adapter: Quartz runs each scheduled job (relay, statistics, reservation expiry, retention)
 * as a thin trigger of one application method, clustered over PostgreSQL or in memory on H2.
 */
package dev.orderengine.bootstrap.scheduling;
