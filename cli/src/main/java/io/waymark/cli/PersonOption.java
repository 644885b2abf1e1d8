package io.waymark.cli;

import io.waymark.core.query.ProfileSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Names one person by exactly one of {@code --user-id}, {@code --anonymous-id}, {@code --person-id}. */
final class PersonOption {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--user-id", paramLabel = "ID", description = "The person with this user id.")
        String userId;

        @Option(names = "--anonymous-id", paramLabel = "ID", description = "The person with this anonymous id.")
        String anonymousId;

        @Option(names = "--person-id", paramLabel = "ID", description = "The person with this person id.")
        String personId;
    }

    ProfileSpec.Lookup by() {
        return choice.userId != null ? ProfileSpec.Lookup.USER_ID
                : choice.anonymousId != null ? ProfileSpec.Lookup.ANONYMOUS_ID : ProfileSpec.Lookup.PERSON_ID;
    }

    String id() {
        return choice.userId != null ? choice.userId : choice.anonymousId != null ? choice.anonymousId : choice.personId;
    }
}
