package dev.cdcrouting.flink;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.formats.json.JsonFormatFactory;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;

/**
 * The value format {@code cdc-routing-json} of the routing job's source: Flink's own {@code json} format, except
 * that a record it cannot read does not fail the job. Such a record becomes a row whose event columns are NULL,
 * whose {@code error-column} says why and whose {@code raw-column} holds the value bytes unchanged; the generated
 * SQL routes the rows without an error and writes the others to the dead-letter topic (docs/sql-generation.md).
 *
 * <p>Why not {@code json.ignore-parse-errors}: it drops a bad record or NULLs its bad field silently, so a
 * malformed event would vanish or be routed with missing values. The factory is found like every format, by
 * Java's ServiceLoader over META-INF/services/org.apache.flink.table.factories.Factory on the Flink classpath.
 */
public class DeadLetterJsonFormatFactory implements DeserializationFormatFactory {
  public static final String IDENTIFIER = "cdc-routing-json";

  public static final ConfigOption<String> ERROR_COLUMN =
      ConfigOptions.key("error-column")
          .stringType()
          .noDefaultValue()
          .withDescription("The STRING column that receives why a record could not be read (NULL when it could).");

  public static final ConfigOption<String> RAW_COLUMN =
      ConfigOptions.key("raw-column")
          .stringType()
          .noDefaultValue()
          .withDescription("The BYTES column that receives the value bytes of a record that could not be read.");

  @Override
  public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
      DynamicTableFactory.Context context, ReadableConfig formatOptions) {
    FactoryUtil.validateFactoryOptions(this, formatOptions);
    final String errorColumn = formatOptions.get(ERROR_COLUMN);
    final String rawColumn = formatOptions.get(RAW_COLUMN);
    // The json options (timestamp format, fail-on-missing-field, …) are read by Flink's own factory, unchanged.
    final DecodingFormat<DeserializationSchema<RowData>> json =
        new JsonFormatFactory().createDecodingFormat(context, formatOptions);
    return new DecodingFormat<DeserializationSchema<RowData>>() {
      @Override
      public DeserializationSchema<RowData> createRuntimeDecoder(
          DynamicTableSource.Context sourceContext, DataType producedDataType) {
        return DeadLetterJsonDeserializer.create(
            sourceContext, producedDataType, errorColumn, rawColumn, json);
      }

      @Override
      public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
      }
    };
  }

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    Set<ConfigOption<?>> options = new HashSet<>();
    options.add(ERROR_COLUMN);
    options.add(RAW_COLUMN);
    return options;
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    Set<ConfigOption<?>> options = new HashSet<>(new JsonFormatFactory().optionalOptions());
    return Collections.unmodifiableSet(options);
  }
}
