package dev.roster.plugins;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A plugin's name (already stripped): not blank, at most 255 characters, no control characters. */
@NotBlank(message = "is required: a plugin needs a non-empty name")
@Size(max = PluginName.MAX_LENGTH, message = "has at most {max} characters")
@Pattern(regexp = "\\P{Cc}*", message = "cannot contain control characters")
@Target({ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
public @interface PluginName {

    int MAX_LENGTH = 255;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
