/**
 * Reading an upstream directory: the {@link dev.roster.sync.connector.DirectoryConnector} interface and its
 * SCIM 2.0 implementation over the JDK HTTP client with bounded patience ({@link dev.roster.sync.connector.UpstreamHttp}).
 * Knows nothing of the database or the org; depends only on {@code dev.roster.sync.SyncSettings}.
 */
package dev.roster.sync.connector;
