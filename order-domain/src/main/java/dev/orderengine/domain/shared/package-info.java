/** Value objects and the error family shared by every aggregate of the order engine. */
package dev.orderengine.domain.shared;
