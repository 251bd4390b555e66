/**
 * The Kubernetes protobuf schema (upstream's generated.proto, from io.kubernetes:client-java-proto) used two ways:
 * to decode {@code application/vnd.kubernetes.protobuf} request bodies into JSON, and to check JSON bodies for
 * unknown fields and wrong types under {@code fieldValidation=Strict}.
 */
package io.strata.kubernetes.proto;
