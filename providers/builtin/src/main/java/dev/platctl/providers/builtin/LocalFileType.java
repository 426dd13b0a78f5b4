package dev.platctl.providers.builtin;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code local_file}: a real file on disk, written atomically; its path is its idempotency key, so a
 * create that crashed is adopted by looking at the path and nothing needs to be stamped on the file.
 */
final class LocalFileType implements ResourceType {
    static final String TYPE = "local_file";
    static final String DEFAULT_PERMISSION = "0644";
    private static final Pattern PERMISSION = Pattern.compile("0?[0-7]{3}");
    /** Owner, group, others; read, write, execute: bit 8 down to bit 0 of the octal mode. */
    private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A file on the local disk.", List.of(
            AttributeSchema.required("path", AttributeType.STRING,
                    "Where the file is; relative paths are taken from the workspace directory.").asForceNew(),
            AttributeSchema.required("content", AttributeType.STRING, "The file's content, written as UTF-8."),
            AttributeSchema.optional("file_permission", AttributeType.STRING,
                    "The file's POSIX permission in octal, such as \"0600\" (default \"0644\")."),
            AttributeSchema.computed("id", AttributeType.STRING, "SHA-1 of the content, in hex."),
            AttributeSchema.computed("content_sha256", AttributeType.STRING, "SHA-256 of the content, in hex.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final Path workspaceDir;

    LocalFileType(Path workspaceDir) {
        this.workspaceDir = workspaceDir;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior,
                SchemaPlanner.withDefaults(proposed, Map.of("file_permission", Value.of(DEFAULT_PERMISSION))));
        ObjectValue planned = r.planned();
        Diagnostics diags = r.diagnostics();
        if (AttributeValues.string(planned, "path").filter(String::isBlank).isPresent())
            diags.add(Diagnostic.error("Invalid value for \"path\"", TYPE + ".path must not be empty."));
        AttributeValues.string(planned, "file_permission").ifPresent(p -> {
            if (!PERMISSION.matcher(p).matches())
                diags.add(Diagnostic.error("Invalid value for \"file_permission\"", TYPE + ".file_permission must be"
                        + " three or four octal digits such as \"0644\" (setuid, setgid and sticky bits are not supported), got \""
                        + p + "\"."));
        });
        Optional<String> content = AttributeValues.string(planned, "content");
        if (content.isPresent()) {
            byte[] bytes = content.get().getBytes(StandardCharsets.UTF_8);
            planned = planned.with("id", Value.of(hex("SHA-1", bytes)))
                    .with("content_sha256", Value.of(hex("SHA-256", bytes)));
        } else if (!planned.getOrNull("content").isWhollyKnown()) {
            planned = planned.with("id", Value.UNKNOWN).with("content_sha256", Value.UNKNOWN);
        }
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        Path file = file(planned);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS))
            throw new ProviderException("cannot create " + TYPE + ": " + file
                    + " already exists and is not managed by this state; import it or remove it");
        byte[] bytes = content(planned);
        write(file, bytes, permission(planned));
        return withHashes(planned, bytes);
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        Path file = file(planned);
        byte[] bytes = content(planned);
        Set<PosixFilePermission> permission = permission(planned);
        if (!Files.isRegularFile(file) || !Arrays.equals(readBytes(file), bytes))
            write(file, bytes, permission);
        else
            chmod(file, permission);
        return withHashes(planned, bytes);
    }

    @Override
    public void delete(ObjectValue prior) {
        Path file = file(prior);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ProviderException("cannot delete " + file + ": " + e, false, e);
        }
    }

    /** What is on disk now, so that an edit made outside platctl shows as drift. */
    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        Path file = file(state);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        byte[] bytes = readBytes(file);
        Value content = AttributeValues.markedLike(state.getOrNull("content"),
                Value.of(new String(bytes, StandardCharsets.UTF_8)));
        String recorded = AttributeValues.string(state, "file_permission").orElse(DEFAULT_PERMISSION);
        String actual = permissionOf(file).orElse(recorded);
        String shown = PERMISSION.matcher(recorded).matches() && mode(recorded) == mode(actual) ? recorded : actual;
        return Optional.of(withHashes(state.with("content", content).with("file_permission", Value.of(shown)), bytes));
    }

    /** Imports the file at the given path (relative to the workspace directory, or absolute). */
    @Override
    public Optional<ObjectValue> importState(String id) {
        Path file = resolve(id);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        byte[] bytes = readBytes(file);
        Map<String, Value> state = new TreeMap<>();
        state.put("path", Value.of(id));
        state.put("content", Value.of(new String(bytes, StandardCharsets.UTF_8)));
        state.put("file_permission", Value.of(permissionOf(file).orElse(DEFAULT_PERMISSION)));
        return Optional.of(withHashes(new ObjectValue(state), bytes));
    }

    /** The path is the key: a file there is what the crashed create wrote, and the engine compares it with the plan. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        removeStaleTemporaries(file(planned));
        return read(planned);
    }

    /**
     * Deletes temporary files a write killed before its rename left beside {@code file}; only one platctl
     * run writes a stack's files at a time (it holds the stack's lock), so none of them is in use.
     */
    static void removeStaleTemporaries(Path file) {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) return;
        String prefix = "." + file.getFileName() + ".";
        try (java.nio.file.DirectoryStream<Path> temps = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path t : temps) Files.deleteIfExists(t);
        } catch (IOException e) {
            throw new ProviderException("cannot remove temporary files of " + file + ": " + e, false, e);
        }
    }

    private Path file(ObjectValue o) {
        return resolve(AttributeValues.requireString(TYPE, o, "path"));
    }

    private Path resolve(String path) {
        return workspaceDir.resolve(path).normalize();
    }

    private static byte[] content(ObjectValue o) {
        return AttributeValues.requireString(TYPE, o, "content").getBytes(StandardCharsets.UTF_8);
    }

    private static Set<PosixFilePermission> permission(ObjectValue o) {
        int mode = mode(AttributeValues.string(o, "file_permission").orElse(DEFAULT_PERMISSION));
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++)
            if ((mode & (1 << (8 - i))) != 0) out.add(BITS[i]);
        return out;
    }

    private static int mode(String octal) {
        return Integer.parseInt(octal, 8);
    }

    /** The file's permission as four octal digits, or empty where the file system has no POSIX permissions. */
    private static Optional<String> permissionOf(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) return Optional.empty();
        try {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            int mode = 0;
            for (int i = 0; i < BITS.length; i++)
                if (perms.contains(BITS[i])) mode |= 1 << (8 - i);
            return Optional.of(String.format("0%03o", mode));
        } catch (IOException e) {
            throw new ProviderException("cannot read the permission of " + file + ": " + e, false, e);
        }
    }

    private static void chmod(Path file, Set<PosixFilePermission> permission) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) return;
        try {
            view.setPermissions(permission);
        } catch (IOException e) {
            throw new ProviderException("cannot set the permission of " + file + ": " + e, false, e);
        }
    }

    /**
     * Writes a temporary file beside the target, flushes it to disk and renames it over the target, so a
     * crash leaves either the old file or the whole new one, never half of it.
     */
    private static void write(Path file, byte[] bytes, Set<PosixFilePermission> permission) {
        Path dir = file.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(file);
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            chmod(tmp, permission);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new ProviderException("cannot write " + file + ": " + e, false, e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the write already failed; that error is the one to report
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProviderException("cannot read " + file + ": " + e, false, e);
        }
    }

    private static ObjectValue withHashes(ObjectValue o, byte[] bytes) {
        return o.with("id", Value.of(hex("SHA-1", bytes))).with("content_sha256", Value.of(hex("SHA-256", bytes)));
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide " + algorithm, e);
        }
    }
}
