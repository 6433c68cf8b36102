package dev.roster.sync.connector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a SCIM ListResponse (RFC 7644 §3.4.2) as a stream of tokens, so that a page of groups with
 * thousands of members each costs the member ids it holds, not a JSON tree of the page. Attribute
 * names are matched case-insensitively, as SCIM requires. Anything that is not a ListResponse is a
 * {@link DirectoryException} naming what was wrong.
 */
final class ScimListReader {

    /** {@code totalResults} and the resources of one page. */
    record ListPage<T>(long totalResults, List<T> resources) {
    }

    @FunctionalInterface
    interface ResourceReader<T> {
        /** Reads one resource; the parser is on its START_OBJECT and must be left on its END_OBJECT. */
        T read(JsonParser parser) throws IOException, DirectoryException;
    }

    private ScimListReader() {
    }

    static <T> ListPage<T> read(ObjectMapper json, byte[] body, String what, ResourceReader<T> reader) throws DirectoryException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(what, "the answer is not a JSON object");
            }
            long total = -1;
            List<T> resources = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName().toLowerCase(Locale.ROOT);
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "totalresults" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw malformed(what, "totalResults is not an integer");
                        }
                        total = parser.getLongValue();
                    }
                    case "resources" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            resources = new ArrayList<>();
                        } else if (value == JsonToken.START_ARRAY) {
                            resources = new ArrayList<>();
                            JsonToken next;
                            while ((next = parser.nextToken()) == JsonToken.START_OBJECT) {
                                resources.add(reader.read(parser));
                            }
                            if (next != JsonToken.END_ARRAY) {
                                throw malformed(what, "Resources holds something other than objects");
                            }
                        } else {
                            throw malformed(what, "Resources is not an array");
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw malformed(what, "the JSON document ends early");
            }
            if (total < 0) {
                throw malformed(what, "it has no totalResults (not a SCIM ListResponse)");
            }
            return new ListPage<>(total, resources == null ? List.of() : resources);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            throw malformed(what, "not valid JSON (" + (problem.length() > 120 ? problem.substring(0, 120) + "…" : problem) + ")");
        } catch (IOException e) {
            throw malformed(what, "unreadable (" + e.getMessage() + ")");
        }
    }

    /** A Group: id, displayName and the user members' values; every other attribute is skipped. */
    static UpstreamGroup group(JsonParser parser, String what) throws IOException, DirectoryException {
        String id = null;
        String displayName = null;
        List<String> members = new ArrayList<>();
        int nested = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName().toLowerCase(Locale.ROOT);
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> id = scalar(parser, value);
                case "displayname" -> displayName = scalar(parser, value);
                case "members" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            String[] member = member(parser);
                            if (member[0] == null) {
                                throw malformed(what, "a member of group '" + id + "' has no value");
                            }
                            if ("group".equalsIgnoreCase(member[1])) {
                                nested++;
                            } else {
                                members.add(member[0]);
                            }
                        }
                        if (parser.currentToken() != JsonToken.END_ARRAY) {
                            throw malformed(what, "the members of group '" + id + "' are not objects");
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw malformed(what, "the members of group '" + id + "' are not an array");
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (id == null || id.isBlank()) {
            throw malformed(what, "a group has no id");
        }
        if (displayName == null || displayName.isBlank()) {
            throw malformed(what, "group '" + id + "' has no displayName");
        }
        return new UpstreamGroup(id, displayName, members, nested);
    }

    /** A User, kept whole (as JSON text) with its id and userName read out. */
    static UpstreamUser user(ObjectMapper json, JsonParser parser, String what) throws IOException, DirectoryException {
        JsonNode node = json.readTree(parser);
        String id = null;
        String userName = null;
        boolean active = true;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (field.getKey().equalsIgnoreCase("id") && value.isValueNode()) {
                id = value.asText();
            } else if (field.getKey().equalsIgnoreCase("userName") && value.isTextual()) {
                userName = value.textValue();
            } else if (field.getKey().equalsIgnoreCase("active")) {
                // some directories send the boolean as a string ("False")
                active = !(value.isBoolean() && !value.booleanValue() || value.isTextual() && "false".equalsIgnoreCase(value.textValue().strip()));
            }
        }
        if (id == null || id.isBlank()) {
            throw malformed(what, "a user has no id");
        }
        return new UpstreamUser(id, userName, active, node.toString());
    }

    /** {value, type} of one member entry. */
    private static String[] member(JsonParser parser) throws IOException {
        String[] member = new String[2];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName().toLowerCase(Locale.ROOT);
            JsonToken value = parser.nextToken();
            switch (name) {
                case "value" -> member[0] = scalar(parser, value);
                case "type" -> member[1] = scalar(parser, value);
                default -> parser.skipChildren();
            }
        }
        return member;
    }

    private static String scalar(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    static DirectoryException malformed(String what, String problem) {
        return new DirectoryException("Upstream " + what + " returned a malformed page: " + problem);
    }
}
