/** The HTTP API (Javalin): routes, validation at the edge, problem+json errors, metrics and the OpenAPI document. */
package dev.orderengine.adapter.in.rest;
