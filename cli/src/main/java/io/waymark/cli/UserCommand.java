package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.user.Role;
import io.waymark.server.OpenDataDirectory;
import io.waymark.server.UserAccounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage dashboard users: add, list, delete.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Delete.class})
final class UserCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add, list or delete");
    }

    /** Opens the data directory, runs {@code action} on its users and prints the result as JSON (nothing for null). */
    static void withUsers(DataDirOption data, Function<UserAccounts, Object> action) {
        Object result;
        try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            result = action.apply(new UserAccounts(open.store(), Clock.systemUTC()));
        } catch (WaymarkException e) {
            // the options name the fields here
            String option = "name".equals(e.field()) ? "--name" : "password".equals(e.field()) ? "--password-stdin" : null;
            throw option == null ? e : new WaymarkException(e.code(), option, e.getMessage());
        }
        if (result != null) {
            System.out.println(Json.MAPPER.valueToTree(result).toPrettyString());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a user; prints {\"name\",\"role\",\"password\"} with a generated password unless --password-stdin.")
    static final class Add implements Runnable {
        @Mixin
        DataDirOption data;

        @Option(names = "--name", required = true, description = "User name: letters, digits, '_', '.', '@', '-'.")
        String name;

        @Option(names = "--role", required = true, description = "viewer, editor or admin.")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public void run() {
            Role r = Role.parse(role, "--role");
            String password = passwordStdin ? readPassword() : null;
            withUsers(data, users -> {
                UserAccounts.Added added = users.add(name, r, password);
                var out = new LinkedHashMap<String, Object>();
                out.put("name", added.user().name());
                out.put("role", added.user().role().wireName());
                if (added.generatedPassword() != null) {
                    out.put("password", added.generatedPassword());
                }
                return out;
            });
        }

        private static String readPassword() {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw WaymarkException.invalid("--password-stdin", "no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read the password: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their roles as JSON.")
    static final class ListUsers implements Runnable {
        @Mixin
        DataDirOption data;

        @Override
        public void run() {
            withUsers(data, users -> users.list().stream().map(u -> {
                var out = new LinkedHashMap<String, Object>();
                out.put("name", u.name());
                out.put("role", u.role().wireName());
                out.put("createdAt", u.createdAt().toString());
                return out;
            }).toList());
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user.")
    static final class Delete implements Runnable {
        @Mixin
        DataDirOption data;

        @Option(names = "--name", required = true, description = "The user to delete.")
        String name;

        @Override
        public void run() {
            withUsers(data, users -> {
                users.delete(name);
                return java.util.Map.of("deleted", name);
            });
        }
    }
}
