package io.waymark.activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.journey.Journey;
import io.waymark.core.journey.JourneyParser;
import io.waymark.core.journey.Step;
import io.waymark.core.journey.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyTemplatesTest {
    @Test
    void everyShippedTemplateParsesAndCartAbandonmentIsAsSpecified() {
        assertThat(JourneyTemplates.all()).extracting(JourneyTemplates.Template::id)
                .containsExactly("cart_abandonment", "post_purchase", "replenishment", "win_back", "welcome");
        Journey cart = JourneyParser.parse(JourneyTemplates.get("cart_abandonment").definition());
        assertThat(((Trigger.OnEvent) cart.trigger()).match().event()).isEqualTo("add_to_cart");
        assertThat(((Step.Wait) cart.step("wait_1h")).duration()).isEqualTo(Duration.ofHours(1));
        assertThat(((Step.Wait) cart.step("wait_24h")).duration()).isEqualTo(Duration.ofHours(24));
        assertThat(cart.exit().event()).isEqualTo("purchase");
        assertThat(((Step.Send) cart.step("offer_email")).settings()).containsKey("offer");
        Journey refill = JourneyParser.parse(JourneyTemplates.get("replenishment").definition());
        assertThat(((Trigger.AfterEvent) refill.trigger()).personal()).isTrue();
        Journey winBack = JourneyParser.parse(JourneyTemplates.get("win_back").definition());
        assertThat(((Trigger.OnSegment) winBack.trigger()).segment()).isEqualTo("at_risk_customers");
    }

    @Test
    void placeholdersReadTheModelAndNothingElse() {
        Map<String, Object> model = Map.of("traits", Map.of("first_name", "Ana"), "cart", List.of(Map.of("name", "Mug")));
        assertThat(Placeholders.render("Hi {{traits.first_name}}, {{ traits.missing }}{{cart}}!", model)).isEqualTo("Hi Ana, !");
        // anything but a dotted name stays text: it is never evaluated
        assertThat(Placeholders.render("{{T(java.lang.Runtime)}} $1 \\", model)).isEqualTo("{{T(java.lang.Runtime)}} $1 \\");
    }
}
