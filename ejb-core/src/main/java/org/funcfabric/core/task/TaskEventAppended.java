package org.funcfabric.core.task;

/**
 * A task of a group reached a terminal state and became event number {@code eventNumber} of that
 * group. The instance that stored it announces it on the broker's multicast address; every service
 * instance fires it as a CDI async event qualified {@link Broadcast}, so that the event streams of the
 * group, wherever they are served, read what is new. It carries no result on purpose: a stream reads
 * from the store everything after what it last sent, so a lost, late or repeated announcement can
 * neither lose nor repeat an event.
 *
 * @param taskGroupId the group whose streams are to read
 * @param eventNumber the number the task was given ({@link Task#eventNumber()})
 */
public record TaskEventAppended(String taskGroupId, long eventNumber) {
}
