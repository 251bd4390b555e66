package io.strata.kubernetes.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson mappers for the API server's request path and store. They draw Jackson's 8-16 KB encoding buffers from one
 * shared pool: the default pool is per thread, and every request runs on a new virtual thread, so each response
 * allocated fresh buffers.
 */
public final class PooledJson {

    private PooledJson() {
    }

    /** A new mapper over the shared buffer pool (callers may configure it further). */
    public static ObjectMapper mapper() {
        return new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build());
    }
}
