package dev.cimatrix.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;

/**
 * Takes a run of path arguments in one step. Picocli weighs every positional argument on its own (does it look
 * like an option, a number, a subcommand) and converts it by reflection, some twenty microseconds each in a cold
 * JVM: a scan handed the 2,400 files of a file list spent a tenth of a second there. This consumer takes the
 * argument picocli has already judged positional and then every following one that does not start with
 * {@code -}, so options may still come between and after paths, and {@code -}-prefixed words still meet
 * picocli's own checks (and {@code --}).
 */
public final class PathArguments implements CommandLine.IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        List<Path> paths = argSpec.getValue();
        if (paths == null) {
            paths = new ArrayList<>();
            argSpec.setValue(paths);
        }
        paths.add(path(args.pop(), argSpec, commandSpec));
        while (!args.isEmpty() && !args.peek().startsWith("-")) {
            paths.add(path(args.pop(), argSpec, commandSpec));
        }
    }

    private static Path path(String arg, ArgSpec argSpec, CommandSpec commandSpec) {
        try {
            return Converter.toPath(arg);
        } catch (CommandLine.TypeConversionException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "Invalid value for " + argSpec.paramLabel() + ": " + e.getMessage(), argSpec, arg);
        }
    }

    /**
     * Every path option's converter. An empty argument is refused rather than taken as the current folder, which
     * {@link Path#of} makes of it: {@code --state "$STATE"} or {@code detect "$LOG"} with the variable unset would
     * otherwise write a database over a folder or read every file under the working directory.
     */
    public static final class Converter implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String arg) {
            return toPath(arg);
        }

        static Path toPath(String arg) {
            if (arg.isEmpty()) {
                throw new CommandLine.TypeConversionException("an empty path (is a variable unset?)");
            }
            try {
                return Path.of(arg);
            } catch (InvalidPathException e) {
                throw new CommandLine.TypeConversionException("'" + arg + "' is not a path (" + e.getReason() + ")");
            }
        }
    }
}
