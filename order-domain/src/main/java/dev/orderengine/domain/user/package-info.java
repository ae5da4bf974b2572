/** Users of the shop: who may order, and whether they are active. */
package dev.orderengine.domain.user;
