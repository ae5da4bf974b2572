/** The order aggregate, its lines and status machine, and the events a completed order leaves behind. */
package dev.orderengine.domain.order;
