/** Contract tests of every port implementation, each an abstract suite run on H2 and on PostgreSQL by tiny subclasses. */
package dev.orderengine.adapter.out.persistence;
