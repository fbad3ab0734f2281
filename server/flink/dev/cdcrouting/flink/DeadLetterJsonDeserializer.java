package dev.cdcrouting.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.util.jackson.JacksonMapperFactory;

/**
 * Reads a record value with Flink's json deserializer; a value it cannot read becomes a row with NULL event
 * columns, the reason in the error column and the bytes in the raw column, instead of an exception that fails
 * the job. A NULL value (a tombstone) stays what Flink's json format makes of it: no row at all.
 *
 * <p>The reasons are the ones the editor's preview and {@code cdc-routing test} give for the same event
 * (server/src/samples/deadLetterReason.ts): "empty value", "not JSON", "not a JSON object", "wrong type for
 * field X" (X the top-level field Flink names, the one that holds the offending value).
 */
public final class DeadLetterJsonDeserializer implements DeserializationSchema<RowData> {
  private static final long serialVersionUID = 1L;
  private static final Pattern FIELD = Pattern.compile("Fail to deserialize at field: (.*)\\.$");

  private final DeserializationSchema<RowData> json;
  private final TypeInformation<RowData> producedType;
  private final int arity;
  private final int errorIndex;
  private final int rawIndex;
  /** For each produced column, its position in the json row, or -1 for the error and raw columns. */
  private final int[] jsonIndex;
  private final RowData.FieldGetter[] getters;
  private transient ObjectMapper mapper;

  private DeadLetterJsonDeserializer(
      DeserializationSchema<RowData> json,
      TypeInformation<RowData> producedType,
      int arity,
      int errorIndex,
      int rawIndex,
      int[] jsonIndex,
      RowData.FieldGetter[] getters) {
    this.json = json;
    this.producedType = producedType;
    this.arity = arity;
    this.errorIndex = errorIndex;
    this.rawIndex = rawIndex;
    this.jsonIndex = jsonIndex;
    this.getters = getters;
  }

  static DeadLetterJsonDeserializer create(
      DynamicTableSource.Context context,
      DataType producedDataType,
      String errorColumn,
      String rawColumn,
      DecodingFormat<DeserializationSchema<RowData>> json) {
    List<String> names = DataType.getFieldNames(producedDataType);
    List<DataType> types = DataType.getFieldDataTypes(producedDataType);
    int errorIndex = names.indexOf(errorColumn);
    int rawIndex = names.indexOf(rawColumn);
    if (errorIndex < 0 || rawIndex < 0) {
      throw new IllegalArgumentException(
          "Format " + DeadLetterJsonFormatFactory.IDENTIFIER + " needs the columns " + errorColumn + " (STRING) and "
              + rawColumn + " (BYTES) in the value, found " + names);
    }
    List<DataTypes.Field> fields = new ArrayList<>();
    int[] jsonIndex = new int[names.size()];
    List<RowData.FieldGetter> getters = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (i == errorIndex || i == rawIndex) {
        jsonIndex[i] = -1;
        continue;
      }
      jsonIndex[i] = fields.size();
      getters.add(RowData.createFieldGetter(types.get(i).getLogicalType(), fields.size()));
      fields.add(DataTypes.FIELD(names.get(i), types.get(i)));
    }
    DataType jsonType = DataTypes.ROW(fields.toArray(new DataTypes.Field[0]));
    return new DeadLetterJsonDeserializer(
        json.createRuntimeDecoder(context, jsonType),
        context.createTypeInformation(producedDataType),
        names.size(),
        errorIndex,
        rawIndex,
        jsonIndex,
        getters.toArray(new RowData.FieldGetter[0]));
  }

  @Override
  public void open(InitializationContext context) throws Exception {
    json.open(context);
    mapper = JacksonMapperFactory.createObjectMapper();
  }

  @Override
  public RowData deserialize(byte[] message) throws IOException {
    if (message == null) {
      return null;
    }
    if (message.length == 0) {
      return deadLetter(message, "empty value");
    }
    RowData row;
    try {
      row = json.deserialize(message);
    } catch (Throwable t) {
      return deadLetter(message, reason(message, t));
    }
    if (row == null) {
      return deadLetter(message, reason(message, null));
    }
    GenericRowData out = new GenericRowData(row.getRowKind(), arity);
    for (int i = 0; i < arity; i++) {
      if (jsonIndex[i] >= 0) {
        out.setField(i, getters[jsonIndex[i]].getFieldOrNull(row));
      }
    }
    return out;
  }

  private RowData deadLetter(byte[] message, String reason) {
    GenericRowData out = new GenericRowData(arity);
    out.setField(errorIndex, StringData.fromString(reason));
    out.setField(rawIndex, message);
    return out;
  }

  /** Why Flink could not read the value. Only called on failure, so a good record is parsed once. */
  private String reason(byte[] message, Throwable failure) {
    JsonNode tree;
    try {
      tree = mapper.readTree(message);
    } catch (IOException e) {
      return "not JSON";
    }
    if (tree == null || !tree.isObject()) {
      return tree == null || tree.isMissingNode() ? "empty value" : "not a JSON object";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = FIELD.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return "wrong type for field " + m.group(1);
      }
    }
    String text = failure == null ? "no row" : String.valueOf(failure.getMessage());
    // Flink's message quotes the whole value: the raw bytes are in the dead letter already.
    if (failure != null && failure.getCause() != null && text.startsWith("Failed to deserialize JSON")) {
      text = String.valueOf(failure.getCause().getMessage());
    }
    return "cannot be read: " + text.substring(0, Math.min(text.length(), 300));
  }

  @Override
  public boolean isEndOfStream(RowData nextElement) {
    return false;
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return producedType;
  }
}
