/**
 * The relay's transports: sends completed-order events to the data platform over HTTP (optionally signed, Standard
 * Webhooks), to a Kafka topic, or appends them to a JSONL file.
 */
package dev.orderengine.adapter.out.dataplatform;
