package dev.roster.platform;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.ReferenceType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * PATCH bodies tell "absent" from "null": an {@code Optional<T>} record component is {@code null} when the
 * field is absent and {@code Optional.empty()} when it is sent as JSON null. Jackson's own Optional
 * support gives {@code Optional.empty()} for both when a record (a creator) is bound, so this module
 * makes the absent value null.
 */
@Singleton
public class AbsentOptionals implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("absent-optionals");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyReferenceDeserializer(DeserializationConfig config, ReferenceType type,
                                                                   BeanDescription description, JsonDeserializer<?> deserializer) {
                return type.hasRawClass(Optional.class) ? new AbsentAsNull(deserializer) : deserializer;
            }
        });
        mapper.registerModule(module);
    }

    /** The Optional deserializer, except that a field left out is null. */
    private static final class AbsentAsNull extends DelegatingDeserializer {

        AbsentAsNull(JsonDeserializer<?> optionals) {
            super(optionals);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> optionals) {
            return new AbsentAsNull(optionals);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }
}
