package dev.roster.members;

import java.util.List;

/**
 * What an identity provider (or an invitation) says about a person: the columns the rules need plus
 * the remaining SCIM attributes as a JSON object text.
 */
public record MemberProfile(String userName, String displayName, String externalId, boolean active,
                            String attributesJson, List<String> emailValues) {
}
