/** Each user's prepaid balance and the history of every change to it. */
package dev.orderengine.domain.balance;
