/** Placing, paying, cancelling and expiring orders, and reading them back. */
package dev.orderengine.application.order;
