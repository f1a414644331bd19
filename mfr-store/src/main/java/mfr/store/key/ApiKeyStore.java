package mfr.store.key;

import java.util.List;
import java.util.Optional;

/** Where API key records are kept (hashed). Keys of a collection go when the collection goes. */
public interface ApiKeyStore {
    void putKey(ApiKeyRecord key);

    Optional<ApiKeyRecord> key(String keyId);

    boolean hasAdminKey();

    List<ApiKeyRecord> keys(String collection);

    boolean deleteKey(String keyId);

    /** Removes every key of a role; returns how many. */
    int deleteRole(ApiKeyRecord.Role role);
}
