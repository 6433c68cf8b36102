package dev.roster.scim.filter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lenient pre-pass: the forms IdPs send outside the RFC grammar, rewritten into it; the rest untouched. */
class LenientFilterSyntaxTest {

    @Test
    void entraValuePathComparisonsFoldIntoTheBracket() {
        assertEquals("emails[(type eq \"work\") and value eq \"x@example.com\"]",
                LenientFilterSyntax.rewrite("emails[type eq \"work\"].value eq \"x@example.com\""));
        assertEquals("emails[(type eq \"work\") and value pr] and userName eq \"a\"",
                LenientFilterSyntax.rewrite("emails[type eq \"work\"].value pr and userName eq \"a\""));
    }

    @Test
    void bareValuesAreQuotedAndLiteralsKept() {
        assertEquals("externalId eq \"jyoung\"", LenientFilterSyntax.rewrite("externalId eq jyoung"));
        assertEquals("active eq true and title eq null and x gt 42", LenientFilterSyntax.rewrite("active eq True and title eq null and x gt 42"));
        assertEquals("userName eq \"a\\\\b\"", LenientFilterSyntax.quoteBareValues("userName eq a\\b"));
    }

    @Test
    void validFiltersAndTextInsideStringsAreLeftAsSent() {
        for (String filter : new String[]{
                "userName eq \"a b\" and (title pr or not (active eq false))",
                "displayName eq \"x].value eq y\"",
                "emails[type eq \"work\" and value co \"@\"]",
                "meta.lastModified gt \"2011-05-13T04:42:34Z\""}) {
            assertEquals(filter, LenientFilterSyntax.rewrite(filter));
        }
    }
}
