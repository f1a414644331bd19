package mfr.store.key;

import java.time.Instant;

/**
 * A stored API key: never the secret, only its salted hash.
 *
 * @param keyId      public part of the key, used to find the record
 * @param hash       SHA-256 of salt and secret
 * @param salt       random salt
 * @param role       admin or collection
 * @param collection the collection a collection key reaches (null for the admin key)
 * @param label      free text to tell keys apart
 */
public record ApiKeyRecord(String keyId, byte[] hash, byte[] salt, Role role, String collection, String label,
                           Instant createdAt) {
    public enum Role { ADMIN, COLLECTION }
}
