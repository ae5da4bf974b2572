/**
 * Test harness exported in the module's test-jar: a real Kafka broker (KRaft, one child JVM) that a test can crash,
 * stop and start again ({@link dev.orderengine.adapter.out.dataplatform.testing.KafkaBroker}).
 */
package dev.orderengine.adapter.out.dataplatform.testing;
