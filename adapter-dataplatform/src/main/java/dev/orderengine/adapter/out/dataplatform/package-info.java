/** Sends completed-order events to the data platform (HTTP or a JSONL file) and runs the scheduled jobs on Quartz. */
package dev.orderengine.adapter.out.dataplatform;
