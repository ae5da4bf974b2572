/** Payment attempts of orders: every attempt is recorded, succeeded or failed with its reason. */
package dev.orderengine.domain.payment;
