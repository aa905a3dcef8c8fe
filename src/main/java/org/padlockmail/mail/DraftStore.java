package org.padlockmail.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.padlockmail.config.JsonFile;

/**
 * Drafts on this machine, one JSON file each, written atomically: a draft survives a crash or a restart
 * whether or not the server's Drafts folder could be reached.
 */
public final class DraftStore {

    private final Path directory;

    public DraftStore(Path directory) {
        this.directory = directory;
    }

    /** Saves a draft under its id (a new id when null) and returns the id. */
    public String save(String id, MessageDraft draft) throws IOException {
        String key = id != null ? id : UUID.randomUUID().toString();
        file(key).update(previous -> draft);
        return key;
    }

    public Optional<MessageDraft> load(String id) throws IOException {
        return Optional.ofNullable(file(id).read());
    }

    public List<String> ids() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        }
    }

    public void discard(String id) throws IOException {
        Files.deleteIfExists(directory.resolve(id + ".json"));
        Files.deleteIfExists(directory.resolve(id + ".json.lock"));
    }

    private JsonFile<MessageDraft> file(String id) {
        if (!id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not a draft id: " + id);
        }
        return new JsonFile<>(directory.resolve(id + ".json"), MessageDraft.class, () -> null);
    }
}
