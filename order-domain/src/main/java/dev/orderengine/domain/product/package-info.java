/** The catalogue (products and their current price) and the stock that orders take. */
package dev.orderengine.domain.product;
