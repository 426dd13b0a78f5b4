package dev.platctl.providers.builtin;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.platctl.providers.builtin.TestValues.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFileTypeTest {
    /** sha1("hello"), sha256("hello") and sha1("edited"). */
    private static final String HELLO_SHA1 = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d";
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String EDITED_SHA1 = "a22fca6c3065d5684c7f16ed40b8c3b877a68a24";

    @TempDir
    Path workspace;

    private LocalFileType type() {
        return new LocalFileType(workspace);
    }

    private ObjectValue created(ObjectValue config) {
        PlanResult r = type().plan(Optional.empty(), config);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
        return type().create(r.planned(), "app.local_file.f");
    }

    private static String perms(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Nested
    class Planning {
        @Test
        void createPlanKnowsTheHashesFromTheContent() {
            ObjectValue planned = type().plan(Optional.empty(), obj("path", "a.txt", "content", "hello")).planned();

            assertEquals(obj("path", "a.txt", "content", "hello", "file_permission", "0644",
                    "id", HELLO_SHA1, "content_sha256", HELLO_SHA256), planned);
        }

        @Test
        void unknownContentLeavesTheHashesUnknown() {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));

            ObjectValue planned = type().plan(Optional.of(state), obj("path", "a.txt", "content", Value.UNKNOWN)).planned();

            assertEquals(Value.UNKNOWN, planned.getOrNull("id"));
            assertEquals(Value.UNKNOWN, planned.getOrNull("content_sha256"));
        }

        @Test
        void sameConfigurationPlansNoChange() {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));

            PlanResult r = type().plan(Optional.of(state), obj("path", "a.txt", "content", "hello"));

            assertEquals(state, r.planned());
            assertTrue(r.requiresReplace().isEmpty());
        }

        @Test
        void changedContentOrPermissionIsAnInPlaceUpdate() {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));

            PlanResult r = type().plan(Optional.of(state),
                    obj("path", "a.txt", "content", "bye", "file_permission", "0600"));

            assertTrue(r.requiresReplace().isEmpty());
            assertEquals(Value.of("0600"), r.planned().getOrNull("file_permission"));
        }

        @Test
        void changedPathForcesReplacement() {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));

            PlanResult r = type().plan(Optional.of(state), obj("path", "b.txt", "content", "hello"));

            assertEquals(Set.of(AttributePath.of("path")), r.requiresReplace());
        }

        @Test
        void badPermissionIsDiagnosed() {
            PlanResult r = type().plan(Optional.empty(), obj("path", "a.txt", "content", "x", "file_permission", "rw-r--r--"));

            assertEquals("Invalid value for \"file_permission\"", r.diagnostics().errors().get(0).summary());
        }

        @Test
        void emptyPathIsDiagnosed() {
            PlanResult r = type().plan(Optional.empty(), obj("path", "", "content", "x"));

            assertEquals("Invalid value for \"path\"", r.diagnostics().errors().get(0).summary());
        }
    }

    @Nested
    class Applying {
        @Test
        void createWritesTheFileWithParentDirectoriesAndPermission() throws IOException {
            ObjectValue state = created(obj("path", "conf/app/a.txt", "content", "hello", "file_permission", "0600"));

            Path file = workspace.resolve("conf/app/a.txt");
            assertEquals("hello", Files.readString(file));
            assertEquals("rw-------", perms(file));
            assertEquals(Value.of(HELLO_SHA1), state.getOrNull("id"));
        }

        @Test
        void createLeavesNoTemporaryFileBehind() throws IOException {
            created(obj("path", "a.txt", "content", "hello"));

            try (Stream<Path> files = Files.list(workspace)) {
                assertEquals(Set.of(workspace.resolve("a.txt")), files.collect(Collectors.toSet()));
            }
        }

        @Test
        void absolutePathIsUsedAsIs(@TempDir Path elsewhere) throws IOException {
            Path target = elsewhere.resolve("abs.txt");

            created(obj("path", target.toString(), "content", "x"));

            assertEquals("x", Files.readString(target));
        }

        @Test
        void createRefusesToOverwriteAFileItDoesNotManage() throws IOException {
            Files.writeString(workspace.resolve("a.txt"), "someone else's");
            ObjectValue planned = type().plan(Optional.empty(), obj("path", "a.txt", "content", "hello")).planned();

            ProviderException e = assertThrows(ProviderException.class, () -> type().create(planned, "k"));

            assertEquals("cannot create local_file: " + workspace.resolve("a.txt")
                    + " already exists and is not managed by this state; import it or remove it", e.getMessage());
            assertEquals("someone else's", Files.readString(workspace.resolve("a.txt")));
        }

        @Test
        void updateRewritesContent() throws IOException {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));
            ObjectValue planned = type().plan(Optional.of(state), obj("path", "a.txt", "content", "bye")).planned();

            ObjectValue updated = type().update(state, planned);

            assertEquals("bye", Files.readString(workspace.resolve("a.txt")));
            assertEquals(planned, updated);
        }

        @Test
        void permissionChangeIsAppliedInPlace() throws IOException {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));
            Path file = workspace.resolve("a.txt");
            assertEquals("rw-r--r--", perms(file));
            ObjectValue planned = type().plan(Optional.of(state),
                    obj("path", "a.txt", "content", "hello", "file_permission", "0750")).planned();

            type().update(state, planned);

            assertEquals("rwxr-x---", perms(file));
            assertEquals("hello", Files.readString(file));
        }

        @Test
        void deleteRemovesTheFileAndToleratesItBeingGone() {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));

            type().delete(state);
            type().delete(state);

            assertFalse(Files.exists(workspace.resolve("a.txt")));
        }
    }

    @Nested
    class Reading {
        @Test
        void unchangedFileIsReadBackAsTheState() {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello", "file_permission", "600"));

            assertEquals(Optional.of(state), type().read(state));
        }

        @Test
        void localFileEditedOutsideIsReadBackAsDrift() throws IOException {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));
            Files.writeString(workspace.resolve("a.txt"), "edited");

            ObjectValue read = type().read(state).orElseThrow();

            assertEquals(Value.of("edited"), read.getOrNull("content"));
            assertEquals(Value.of(EDITED_SHA1), read.getOrNull("id"));
        }

        @Test
        void permissionChangedOutsideIsReadBackAsDrift() throws IOException {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));
            Files.setPosixFilePermissions(workspace.resolve("a.txt"), PosixFilePermissions.fromString("rwxrwxrwx"));

            assertEquals(Value.of("0777"), type().read(state).orElseThrow().getOrNull("file_permission"));
        }

        @Test
        void deletedFileReadsAsGone() throws IOException {
            ObjectValue state = created(obj("path", "a.txt", "content", "hello"));
            Files.delete(workspace.resolve("a.txt"));

            assertEquals(Optional.empty(), type().read(state));
        }

        @Test
        void sensitiveContentStaysSensitiveWhenRead() {
            ObjectValue state = created(obj("path", "a.txt", "content", Value.of("token").sensitive()));

            assertEquals(Value.of("token").sensitive(), type().read(state).orElseThrow().getOrNull("content"));
        }
    }

    @Nested
    class Recovering {
        @Test
        void lookupAdoptsAFileACrashedCreateWrote() throws IOException {
            ObjectValue planned = type().plan(Optional.empty(), obj("path", "a.txt", "content", "hello")).planned();
            Files.writeString(workspace.resolve("a.txt"), "hello");
            Files.setPosixFilePermissions(workspace.resolve("a.txt"), PosixFilePermissions.fromString("rw-r--r--"));

            assertEquals(Optional.of(planned), type().lookup("app.local_file.f", planned));
        }

        @Test
        void lookupReportsWhatIsOnDiskSoTheEngineSeesADifference() throws IOException {
            ObjectValue planned = type().plan(Optional.empty(), obj("path", "a.txt", "content", "hello")).planned();
            Files.writeString(workspace.resolve("a.txt"), "hel");

            assertEquals(Value.of("hel"), type().lookup("k", planned).orElseThrow().getOrNull("content"));
        }

        @Test
        void lookupFindsNothingWhenTheCreateNeverHappened() {
            ObjectValue planned = type().plan(Optional.empty(), obj("path", "a.txt", "content", "hello")).planned();

            assertEquals(Optional.empty(), type().lookup("k", planned));
        }

        @Test
        void lookupRemovesTheTemporaryFileOfAWriteKilledBeforeItsRename() throws IOException {
            ObjectValue planned = type().plan(Optional.empty(), obj("path", "a.txt", "content", "hello")).planned();
            Path stale = workspace.resolve(".a.txt.123456.tmp");
            Files.writeString(stale, "hel");
            Path other = workspace.resolve(".b.txt.99.tmp");
            Files.writeString(other, "not ours");

            assertEquals(Optional.empty(), type().lookup("k", planned));
            assertFalse(Files.exists(stale), "the killed write's temporary file is gone");
            assertTrue(Files.exists(other), "another file's temporary file is left alone");
        }

        @Test
        void importReadsTheFileByPath() throws IOException {
            Files.writeString(workspace.resolve("a.txt"), "hello");
            Files.setPosixFilePermissions(workspace.resolve("a.txt"), PosixFilePermissions.fromString("rw-r-----"));

            ObjectValue imported = type().importState("a.txt").orElseThrow();

            assertEquals(obj("path", "a.txt", "content", "hello", "file_permission", "0640",
                    "id", HELLO_SHA1, "content_sha256", HELLO_SHA256), imported);
            PlanResult r = type().plan(Optional.of(imported),
                    obj("path", "a.txt", "content", "hello", "file_permission", "0640"));
            assertEquals(imported, r.planned());
        }

        @Test
        void importOfAMissingFileFindsNothing() {
            assertEquals(Optional.empty(), type().importState("missing.txt"));
        }
    }
}
