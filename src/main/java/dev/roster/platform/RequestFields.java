package dev.roster.platform;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The request field a binding or validation failure is about, written as a JSON path ({@code events[2].amountCents}). */
final class RequestFields {

    private RequestFields() {
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String expected(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return "; expected one of " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                .collect(Collectors.joining(", "));
    }

    /** What the field should have been, in JSON's terms ("a string", "an id (a UUID string)"). */
    static String expectedShape(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            // a value the record itself refused (e.g. an unknown state name): its own message says why
            Throwable cause = e.getCause();
            return "valid: " + (cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage());
        }
        if (type == String.class || type == Character.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "an id (a UUID string)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant (2026-11-01T00:00:00Z)";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** The violation reported: the first by path, so that the answer is the same on every run. */
    static ConstraintViolation<?> first(Set<ConstraintViolation<?>> violations) {
        return violations.stream().min(Comparator.comparing(v -> path(v))).orElseThrow();
    }

    /** The property path below the method parameter (the request record), e.g. {@code name} or {@code events[2].eventId}. */
    static String path(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONSTRUCTOR || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                path.append(path.length() == 0 ? "" : ".").append(node.getName());
            }
        }
        return path.toString();
    }
}
