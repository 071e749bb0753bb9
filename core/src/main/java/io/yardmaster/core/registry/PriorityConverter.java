package io.yardmaster.core.registry;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a node pool's {@code priority} as written in configuration: {@code on-demand} or {@code
 * spot}.
 */
@Singleton
final class PriorityConverter implements TypeConverter<CharSequence, Priority> {
  @Override
  public Optional<Priority> convert(
      CharSequence value, Class<Priority> targetType, ConversionContext context) {
    return Optional.of(
        Priority.parse(NodePoolConfig.PREFIX + ".<pool>.priority", value.toString()));
  }
}
