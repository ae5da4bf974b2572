/** Listing products, setting their stock, and reading the catalogue. */
package dev.orderengine.application.product;
