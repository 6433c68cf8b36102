package dev.roster.scim.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.SqlPart;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchemas;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filter → SQL, without a database: the condition text and its named parameters. */
class FilterSqlTest {

    private static final ScimSchemas SCHEMAS = new ScimSchemas(new ObjectMapper());
    private static final FilterColumns USERS = new UserFilterColumns(SCHEMAS);
    private static final FilterColumns GROUPS = new GroupFilterColumns(SCHEMAS);

    private static SqlPart users(String filter) {
        return FilterSql.translate(ScimFilterParser.parse(filter), USERS);
    }

    @Test
    void caseInsensitiveStringsCompareLowerCasedOnTheIndexedColumn() {
        SqlPart part = users("userName eq \"BJensen@Example.com\"");
        assertEquals("(lower(m.user_name) = :f1)", part.sql());
        assertEquals(Map.of("f1", "bjensen@example.com"), part.params());
    }

    @Test
    void everyValueGetsItsOwnNumberedParameter() {
        SqlPart part = users("userName eq \"a\" or (userName sw \"b\" and not (externalId ne \"C\"))");
        assertEquals("((lower(m.user_name) = :f1) OR ((lower(m.user_name) LIKE :f2)"
                + " AND (NOT COALESCE((m.external_id IS NULL OR m.external_id <> :f3), false))))", part.sql());
        assertEquals(Map.of("f1", "a", "f2", "b%", "f3", "C"), part.params());
    }

    @Test
    void likeWildcardsInValuesAreEscaped() {
        assertEquals(Map.of("f1", "%50\\%\\_off\\\\%"), users("displayName co \"50%_off\\\\\"").params());
    }

    @Test
    void typedValuesAreBoundAsTheirType() {
        UUID id = UUID.randomUUID();
        assertEquals(Map.of("f1", id), users("id eq \"" + id + "\"").params());
        assertEquals(Map.of("f1", true), users("active eq \"True\"").params());
        assertEquals(Map.of("f1", OffsetDateTime.parse("2026-01-02T03:04:05Z")),
                users("meta.created gt \"2026-01-02T03:04:05Z\"").params());
        assertEquals("(m.created_at > :f1)", users("meta.created gt \"2026-01-02T03:04:05Z\"").sql());
    }

    @Test
    void anIdThatIsNoUuidMatchesNothingWithoutAParameter() {
        SqlPart part = users("id eq \"not-a-uuid\"");
        assertEquals("false", part.sql());
        assertTrue(part.params().isEmpty());
    }

    @Test
    void jsonAttributesAndComplexFilters() {
        assertEquals("(lower((m.scim_attributes -> 'name' ->> 'givenName')) = :f1)", users("name.givenName eq \"Ann\"").sql());
        SqlPart emails = users("emails[type eq \"work\" and value co \"x\"]");
        assertTrue(emails.sql().startsWith("EXISTS (SELECT 1 FROM jsonb_array_elements("), emails.sql());
        assertTrue(emails.sql().contains("(lower((e.v ->> 'type')) = :f1) AND (lower((e.v ->> 'value')) LIKE :f2"), emails.sql());
        assertEquals(Map.of("f1", "work", "f2", "%x%"), emails.params());
    }

    @Test
    void notTreatsAnAbsentAttributeAsNotMatching() {
        assertEquals("(NOT COALESCE((lower((m.scim_attributes ->> 'title')) = :f1), false))", users("not (title eq \"x\")").sql());
    }

    @Test
    void groupMembersFilterThroughTheMembershipTable() {
        UUID id = UUID.randomUUID();
        SqlPart part = FilterSql.translate(ScimFilterParser.parse("members[value eq \"" + id + "\"]"), GROUPS);
        assertTrue(part.sql().startsWith("EXISTS (SELECT 1 FROM group_members gm"), part.sql());
        assertEquals(Map.of("f1", id), part.params());
    }

    @Test
    void acrossResourceTypesAnAttributeATypeLacksHasNoValue() {
        FilterColumns groupsAcross = new AcrossResourceTypes(GROUPS);
        SqlPart part = FilterSql.translate(ScimFilterParser.parse(
                "userName eq \"a\" or userName ne \"b\" or userName pr or emails[type eq \"work\"] or title eq null"), groupsAcross);
        assertEquals("(false OR true OR false OR false OR true)", part.sql());
        assertTrue(part.params().isEmpty());
        assertEquals("(NOT COALESCE(false, false))", FilterSql.translate(ScimFilterParser.parse("not (userName pr)"), groupsAcross).sql());
        assertEquals("(lower(g.display_name) = :f1)", FilterSql.translate(ScimFilterParser.parse("displayName eq \"X\""), groupsAcross).sql());
        ScimError unknown = assertThrows(ScimError.class, () -> AcrossResourceTypes.requireKnown(
                ScimFilterParser.parse("displayName eq \"x\" or shoeSize eq 1"), List.of(USERS, GROUPS)));
        assertTrue(unknown.getMessage().contains("'shoeSize'"), unknown.getMessage());
    }

    @Test
    void filtersThatCannotApplyAreInvalidFiltersNamingTheAttribute() {
        ScimError unknown = assertThrows(ScimError.class, () -> users("shoeSize eq 42"));
        assertEquals("invalidFilter", unknown.scimType());
        assertTrue(unknown.getMessage().contains("'shoeSize'"), unknown.getMessage());
        ScimError ordered = assertThrows(ScimError.class, () -> users("active gt true"));
        assertTrue(ordered.getMessage().contains("'active' is a boolean"), ordered.getMessage());
        ScimError date = assertThrows(ScimError.class, () -> users("meta.created gt \"yesterday\""));
        assertTrue(date.getMessage().contains("'yesterday'"), date.getMessage());
    }
}
