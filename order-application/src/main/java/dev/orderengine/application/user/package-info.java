/** Registering users, charging their balance, and reading users, balances, histories and coupons. */
package dev.orderengine.application.user;
