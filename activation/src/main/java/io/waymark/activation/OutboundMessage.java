package io.waymark.activation;

import java.util.Map;
import java.util.Objects;

/**
 * One message a journey step sends to one person.
 *
 * @param idempotencyKey stable for (journey, step, person, entry): the same send retried carries the same key
 * @param personId       the resolved person
 * @param journeyKey     the journey that sends
 * @param journeyVersion the version the person is on
 * @param stepId         the step within the journey
 * @param settings       the step's channel settings as saved (email: template, subject; webhook: url, secret name; …)
 * @param model          what templates render: {@code traits} (latest traits), {@code identities}, {@code cart}
 *                       (items), {@code recommendations}, {@code event} (the triggering event's properties)
 *
 * <p>The keys the channels read ({@code Channels.validate} checks the settings when a step is saved):
 * <table>
 * <caption>settings</caption>
 * <tr><th>channel</th><th>key</th><th>meaning</th></tr>
 * <tr><td>email</td><td>{@code template}</td><td>required: a shipped template ({@code cart_reminder}, {@code cart_offer},
 *     {@code survey_csat}, {@code review_request}, {@code replenishment}, {@code win_back}, {@code win_back_last_call},
 *     {@code welcome}, {@code welcome_tips})</td></tr>
 * <tr><td>email</td><td>{@code subject}</td><td>a Mustache subject replacing the template's</td></tr>
 * <tr><td>email</td><td>any other</td><td>templates read every setting as {@code settings.*}: {@code offer} ("10%"),
 *     {@code offerCode}, {@code offerExpires}, {@code cartUrl}, {@code shopUrl}, {@code surveyUrl}, {@code reviewUrl},
 *     {@code reorderUrl}</td></tr>
 * <tr><td>email</td><td>{@code recommendations}</td><td>how many to fetch when the model has none (default 4, 0–20)</td></tr>
 * <tr><td>webhook</td><td>{@code url}</td><td>required: public http(s) URL (see {@code DestinationGuard})</td></tr>
 * <tr><td>webhook</td><td>{@code secret}</td><td>name of the signing key in {@code channels.json} (default {@code default})</td></tr>
 * <tr><td>webhook</td><td>{@code traits}</td><td>names of the traits the payload may carry (none by default)</td></tr>
 * <tr><td>webhook</td><td>any other</td><td>sent as the payload's {@code data}</td></tr>
 * </table>
 * <table>
 * <caption>model</caption>
 * <tr><th>key</th><th>shape</th><th>read by</th></tr>
 * <tr><td>{@code traits}</td><td>object; {@code email} is the address, {@code unsubscribed: true} suppresses,
 *     {@code first_name} greets</td><td>email, webhook (listed traits)</td></tr>
 * <tr><td>{@code identities}</td><td>{@code {"userIds": [...], "anonymousIds": [...]}}; opens, clicks and unsubscribes
 *     are recorded under the first user id, else the first anonymous id (required for email)</td><td>email, webhook</td></tr>
 * <tr><td>{@code cart}</td><td>array of products as {@code add_to_cart} carries them: {@code productId}, {@code name},
 *     {@code price}, {@code quantity}, {@code url}</td><td>email</td></tr>
 * <tr><td>{@code recommendations}</td><td>array of {@code {itemId, name}}; when absent the email channel asks its
 *     {@code RecommendationSource} (only if the template shows them)</td><td>email</td></tr>
 * <tr><td>{@code event}</td><td>the triggering event's properties ({@code name} of a product in the replenishment and
 *     review templates)</td><td>email, webhook</td></tr>
 * </table>
 */
public record OutboundMessage(
        String idempotencyKey,
        String personId,
        String journeyKey,
        int journeyVersion,
        String stepId,
        Map<String, Object> settings,
        Map<String, Object> model) {

    public OutboundMessage {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(personId, "personId");
        settings = Map.copyOf(settings);
        model = Map.copyOf(model);
    }
}
