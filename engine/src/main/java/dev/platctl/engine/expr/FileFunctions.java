package dev.platctl.engine.expr;

import dev.platctl.engine.value.StringValue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The {@code file} function, confined to one base directory so configuration cannot read arbitrary files. */
final class FileFunctions {
    private FileFunctions() {
    }

    static List<FunctionDef> all(Path baseDir) {
        Path base = baseDir.toAbsolutePath().normalize();
        return List.of(FunctionDef.of("file(path)", 1, 1, a -> new StringValue(read(base, Args.string(a, 0, "path")))));
    }

    private static String read(Path base, String name) {
        Path p = base.resolve(name).normalize();
        if (!p.startsWith(base)) throw new FunctionException("the path \"" + name + "\" is outside " + base);
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(base.toRealPath())) {
                throw new FunctionException("the path \"" + name + "\" leads outside " + base + " through a link");
            }
            return Files.readString(real);
        } catch (NoSuchFileException e) {
            throw new FunctionException("no file exists at \"" + name + "\" (in " + base + ")");
        } catch (CharacterCodingException e) {
            throw new FunctionException("the file \"" + name + "\" is not valid UTF-8 text");
        } catch (IOException e) {
            throw new FunctionException("cannot read \"" + name + "\": " + e.getMessage());
        }
    }
}
