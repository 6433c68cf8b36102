package dev.roster.observability;

import dev.roster.spend.AuthorizeAnswer;
import dev.roster.spend.IngestResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts what the product's hot calls decided, from their answers on the way out: authorize decisions by
 * outcome ({@code roster_authorize_decisions_total}: {@code allowed} or the refusal's reason) and usage
 * events by result ({@code roster_usage_events_total}: {@code accepted} or {@code duplicate}).
 */
public class ApiOutcomeMetrics {

    private final MeterRegistry registry;

    public ApiOutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerResponseFilter
    public void record(ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity instanceof AuthorizeAnswer answer) {
            Counter.builder("roster.authorize.decisions")
                    .description("Spend authorize decisions, by outcome")
                    .tag("outcome", answer.allowed() ? "allowed" : answer.reason().wire())
                    .register(registry).increment();
        } else if (entity instanceof IngestResult result) {
            usageEvents("accepted").increment(result.accepted());
            usageEvents("duplicate").increment(result.duplicates());
        }
    }

    private Counter usageEvents(String result) {
        return Counter.builder("roster.usage.events")
                .description("Usage events received, by result (a duplicate eventId is not counted twice)")
                .tag("result", result)
                .register(registry);
    }
}
