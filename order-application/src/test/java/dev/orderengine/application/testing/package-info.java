/** Fixtures for use-case tests: a shop over in-memory ports with short builders and sensible defaults. */
package dev.orderengine.application.testing;
