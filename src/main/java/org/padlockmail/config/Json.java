package org.padlockmail.config;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ReflectionAccessFilter;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Padlock Mail reads and writes JSON: records, enums, strings, numbers, booleans, lists, maps,
 * {@link Instant}s and {@link Path}s, nothing else, and strictly, because some of these files decide whom
 * we trust (pins) or hold our secrets.
 *
 * <ul>
 * <li>Syntax is RFC 8259 only: no comments, single quotes, trailing commas or text after the document.</li>
 * <li>A record reads only its own components: an unknown property, a property given twice, a missing or
 *     null primitive, or a value its constructor refuses makes the whole document unreadable. A missing
 *     reference component is null, for files written before it existed, unless the record is
 *     {@link Complete}, where every component must be present.</li>
 * <li>Values must have the JSON type we write: a string for a string, a number for a number, {@code true}
 *     or {@code false} for a boolean, an enum constant's exact name; no coercion.</li>
 * <li>Written: records component by component, nulls included; enums by name; instants as ISO-8601
 *     ({@code 2026-11-01T10:15:30.123Z}); paths as {@code file:} URIs. (This is what the Jackson
 *     configuration this replaces wrote, so files of earlier versions read back unchanged.)</li>
 * <li>Any other class fails loudly rather than being serialized field by field.</li>
 * </ul>
 */
public final class Json {

    /** Every component of this record must be present in the document (its value may still be null). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Complete {
    }

    /** The text is not a document of the expected kind; the message says why and where, in a few words. */
    public static final class InvalidJsonException extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Gson COMPACT = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .serializeNulls()
            .disableHtmlEscaping()
            .disableJdkUnsafe()
            .addReflectionAccessFilter(type -> ReflectionAccessFilter.FilterResult.BLOCK_ALL)
            .registerTypeAdapter(String.class, new StrictString().nullSafe())
            .registerTypeAdapter(int.class, new StrictWholeNumber<>(Integer::valueOf))
            .registerTypeAdapter(Integer.class, new StrictWholeNumber<>(Integer::valueOf))
            .registerTypeAdapter(long.class, new StrictWholeNumber<>(Long::valueOf))
            .registerTypeAdapter(Long.class, new StrictWholeNumber<>(Long::valueOf))
            .registerTypeAdapter(boolean.class, new StrictBoolean())
            .registerTypeAdapter(Boolean.class, new StrictBoolean())
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .registerTypeHierarchyAdapter(Path.class, new PathAdapter().nullSafe())
            .registerTypeAdapterFactory(new EnumsByName())
            .registerTypeAdapterFactory(new Records())
            .create();
    private static final Gson PRETTY = COMPACT.newBuilder().setPrettyPrinting().create();

    private Json() {
    }

    /** One line, as the probe prints it. */
    public static String compact(Object value) {
        return COMPACT.toJson(value);
    }

    /** Indented, for files a person may open. */
    public static byte[] pretty(Object value) {
        return PRETTY.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    public static <T> T read(byte[] json, Class<T> type) throws InvalidJsonException {
        return read(new String(json, StandardCharsets.UTF_8), TypeToken.get(type));
    }

    public static <T> T read(String json, TypeToken<T> type) throws InvalidJsonException {
        TypeAdapter<T> adapter = COMPACT.getAdapter(type); // outside the try: an unsupported type is our bug, not a bad file
        JsonReader reader = COMPACT.newJsonReader(new StringReader(json));
        try {
            T value = adapter.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the end of the document");
            }
            if (value == null) {
                throw new JsonParseException("no document");
            }
            return value;
        } catch (IOException e) {
            // Syntax, including an empty or truncated file.
            throw new InvalidJsonException("not valid JSON" + near(e.getMessage(), reader), e);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            // Wrong structure (IllegalStateException from the reader: an object where a list belongs, ...).
            String what = e instanceof JsonParseException ? e.getMessage() : "not the expected kind of value";
            throw new InvalidJsonException(what + near(e.getMessage(), reader), e);
        }
    }

    private static final Pattern LOCATION = Pattern.compile("at line (\\d+) column (\\d+)");

    /** " near line 3, column 7 ($.pins[0].port)": where the reader was, without parser internals. */
    private static String near(String message, JsonReader reader) {
        Matcher location = LOCATION.matcher(message != null ? message : "");
        if (!location.find()) {
            location = LOCATION.matcher(reader.toString()); // "JsonReader at line 3 column 7 path $.x"
        }
        String path = reader.getPath();
        return (location.find(0) ? " near line " + location.group(1) + ", column " + location.group(2) : "")
                + ("$".equals(path) ? "" : " (" + path + ")");
    }

    private static JsonParseException expected(String what, JsonReader in) throws IOException {
        return new JsonParseException("expected " + what + ", found " + describe(in.peek()));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case BEGIN_ARRAY -> "a list";
            case BEGIN_OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "the end";
        };
    }

    private static final class StrictString extends TypeAdapter<String> {
        @Override
        public void write(JsonWriter out, String value) throws IOException {
            out.value(value);
        }

        @Override
        public String read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw expected("a string", in);
            }
            return in.nextString();
        }
    }

    /**
     * Also for {@code int} and {@code long}: null reads as null and the record refuses it for a primitive
     * component; a number with a fraction or out of range is refused, not cut.
     */
    private static final class StrictWholeNumber<T extends Number> extends TypeAdapter<T> {
        private final Function<String, T> parse;

        StrictWholeNumber(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public void write(JsonWriter out, T value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.longValue());
            }
        }

        @Override
        public T read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (in.peek() != JsonToken.NUMBER) {
                throw expected("a whole number", in);
            }
            String text = in.nextString();
            try {
                return parse.apply(text);
            } catch (NumberFormatException e) {
                throw new JsonParseException("not a whole number in range: " + text);
            }
        }
    }

    private static final class StrictBoolean extends TypeAdapter<Boolean> {
        @Override
        public void write(JsonWriter out, Boolean value) throws IOException {
            out.value(value);
        }

        @Override
        public Boolean read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (in.peek() != JsonToken.BOOLEAN) {
                throw expected("true or false", in);
            }
            return in.nextBoolean();
        }
    }

    /** ISO-8601 in UTC, as {@link Instant#toString()}; an offset such as {@code +02:00} is accepted on reading. */
    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw expected("a date and time", in);
            }
            String text = in.nextString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonParseException("not a date and time: " + text);
            }
        }
    }

    /**
     * A {@code file:} URI, absolute, as Jackson wrote paths; a plain path (no scheme) is read too. A Windows
     * drive letter is not taken for a scheme.
     */
    private static final class PathAdapter extends TypeAdapter<Path> {
        private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

        @Override
        public void write(JsonWriter out, Path value) throws IOException {
            out.value(value.toUri().toString());
        }

        @Override
        public Path read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw expected("a file name", in);
            }
            String text = in.nextString();
            try {
                return SCHEME.matcher(text).find() ? Path.of(URI.create(text)) : Path.of(text);
            } catch (RuntimeException e) { // bad URI, unknown file system, invalid path
                throw new JsonParseException("not a file name: " + text);
            }
        }
    }

    /** By {@link Enum#name()}, exactly: an unknown name is an error, never null (Gson's default). */
    private static final class EnumsByName implements TypeAdapterFactory {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<?> raw = type.getRawType();
            if (!Enum.class.isAssignableFrom(raw) || raw == Enum.class) {
                return null;
            }
            Class<? extends Enum> enumType = raw.isEnum() ? (Class<? extends Enum>) raw : (Class<? extends Enum>) raw.getSuperclass();
            return (TypeAdapter<T>) new TypeAdapter<Enum<?>>() {
                @Override
                public void write(JsonWriter out, Enum<?> value) throws IOException {
                    out.value(value.name());
                }

                @Override
                public Enum<?> read(JsonReader in) throws IOException {
                    if (in.peek() != JsonToken.STRING) {
                        throw expected("a name", in);
                    }
                    String name = in.nextString();
                    for (Enum<?> constant : enumType.getEnumConstants()) {
                        if (constant.name().equals(name)) {
                            return constant;
                        }
                    }
                    throw new JsonParseException("unknown value \"" + name + "\"");
                }
            }.nullSafe();
        }
    }

    /** Records through their canonical constructor, so their own checks run on everything read. */
    private static final class Records implements TypeAdapterFactory {
        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            if (!raw.isRecord()) {
                return null;
            }
            RecordComponent[] components = raw.getRecordComponents();
            Class<?>[] parameterTypes = new Class<?>[components.length];
            Method[] accessors = new Method[components.length];
            TypeAdapter<?>[] adapters = new TypeAdapter<?>[components.length];
            Map<String, Integer> indexes = new HashMap<>();
            for (int i = 0; i < components.length; i++) {
                parameterTypes[i] = components[i].getType();
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                adapters[i] = gson.getAdapter(TypeToken.get(components[i].getGenericType()));
                indexes.put(components[i].getName(), i);
            }
            Constructor<? super T> constructor;
            try {
                constructor = raw.getDeclaredConstructor(parameterTypes);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record always has a canonical constructor", e);
            }
            boolean complete = raw.isAnnotationPresent(Complete.class);
            return new TypeAdapter<T>() {
                @Override
                @SuppressWarnings("unchecked")
                public void write(JsonWriter out, T value) throws IOException {
                    out.beginObject();
                    for (int i = 0; i < components.length; i++) {
                        out.name(components[i].getName());
                        ((TypeAdapter<Object>) adapters[i]).write(out, component(value, i));
                    }
                    out.endObject();
                }

                private Object component(T value, int i) {
                    try {
                        return accessors[i].invoke(value);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                @SuppressWarnings("unchecked")
                public T read(JsonReader in) throws IOException {
                    if (in.peek() != JsonToken.BEGIN_OBJECT) {
                        throw expected("an object", in);
                    }
                    Object[] values = new Object[components.length];
                    boolean[] present = new boolean[components.length];
                    in.beginObject();
                    while (in.hasNext()) {
                        String name = in.nextName();
                        Integer index = indexes.get(name);
                        if (index == null) {
                            throw new JsonParseException("unknown property \"" + name + "\"");
                        }
                        if (present[index]) {
                            throw new JsonParseException("\"" + name + "\" appears twice");
                        }
                        present[index] = true;
                        values[index] = adapters[index].read(in);
                        if (values[index] == null && parameterTypes[index].isPrimitive()) {
                            throw new JsonParseException("\"" + name + "\" must not be null");
                        }
                    }
                    in.endObject();
                    for (int i = 0; i < components.length; i++) {
                        if (!present[i] && (complete || parameterTypes[i].isPrimitive())) {
                            throw new JsonParseException("\"" + components[i].getName() + "\" is missing");
                        }
                    }
                    try {
                        return (T) constructor.newInstance(values);
                    } catch (InvocationTargetException e) {
                        Throwable refused = e.getCause();
                        throw new JsonParseException("not a valid " + raw.getSimpleName().toLowerCase(java.util.Locale.ROOT)
                                + (refused.getMessage() != null ? ": " + refused.getMessage() : ""), refused);
                    } catch (InstantiationException | IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }.nullSafe();
        }
    }
}
