package dev.roster.scim;

import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Weak ETags from row versions and the If-Match rule, without a server. */
class ETagsTest {

    @Test
    void aVersionIsAWeakTag() {
        assertEquals("W/\"7\"", ETags.of(7));
    }

    @Test
    void ifMatchAcceptsTheCurrentVersionInAnyFormAnyOfAListOrAStar() {
        for (String ifMatch : new String[]{null, "", "W/\"7\"", "\"7\"", "*", "W/\"6\", W/\"7\"", " W/\"7\" "}) {
            assertDoesNotThrow(() -> ETags.checkIfMatch(ifMatch, 7), ifMatch);
        }
    }

    @Test
    void ifMatchWithAnotherVersionIsAPreconditionFailure() {
        DomainException refused = assertThrows(DomainException.class, () -> ETags.checkIfMatch("W/\"6\"", 7));
        assertEquals(ErrorCode.PRECONDITION_FAILED, refused.code());
        assertThrows(DomainException.class, () -> ETags.checkIfMatch("W/\"77\"", 7));
        assertThrows(DomainException.class, () -> ETags.checkIfMatch("7", 7));
    }
}
