package io.gcgateway.directory;

/** A family of Genesys notification topics with one id in the middle: {@code <prefix><id><suffix>}. */
record WatchedTopic(String prefix, String suffix) {

    static final WatchedTopic QUEUE_OBSERVATIONS = new WatchedTopic("v2.analytics.queues.", ".observations");
    static final WatchedTopic USER_ACTIVITY = new WatchedTopic("v2.users.", ".activity");

    String name(String id) {
        return prefix + id + suffix;
    }

    /** The id a topic of this family names; null for any other topic. */
    String idOf(String topic) {
        return topic != null && topic.startsWith(prefix) && topic.endsWith(suffix)
                && topic.length() > prefix.length() + suffix.length()
                        ? topic.substring(prefix.length(), topic.length() - suffix.length())
                        : null;
    }
}
