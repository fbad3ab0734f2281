// Generated filters files of any size over the example schema: the scale tests' and benches' workload.

/** N filters of every operator kind over the example schema, a quarter through eventBody.entities[], on `topics` topics. */
export function manyFilters(n: number, sourceTopic: string, topicOf: (i: number) => string): string {
  const names = ['LoanCreated', 'LoanPaymentSubmitted', 'CarCreated', 'CarUpdated', 'ServiceCompleted', 'LoanClosed'];
  const condition = (i: number): string[] => {
    const name = names[i % names.length];
    switch (i % 8) {
      case 0:
        return [
          `      - field: eventBody.entities[].entityType\n        operator: equals\n        value: ${i % 16 === 0 ? 'Loan' : 'Car'}`,
          `      - field: eventBody.entities[].updatedAttributes.loanAmount\n        operator: greaterThan\n        value: ${(i * 97) % 120000}`,
        ];
      case 4:
        return [`      - field: eventBody.entities[].entityId\n        operator: matches\n        value: "-${i % 10}"`];
      case 1:
        return [`      - field: eventHeader.eventName\n        operator: in\n        values: [${name}, Other${i}]`];
      case 2:
        return [
          `      - field: eventHeader.priority\n        operator: between\n        values: [${i % 5}, ${(i % 5) + 3}]`,
          `      - field: eventHeader.eventName\n        operator: notIn\n        values: [${name}]`,
        ];
      case 3:
        return [
          `      - field: eventBody.totalAmount\n        operator: greaterThanOrEqual\n        value: ${(i * 331) % 90000}`,
        ];
      case 5:
        return [
          `      - field: eventHeader.channel\n        operator: equals\n        value: ${['WEB', 'MOBILE', 'BATCH'][i % 3]}`,
        ];
      case 6:
        return [
          `      - field: eventHeader.uuid\n        operator: matches\n        value: "^${(i % 16).toString(16)}"`,
        ];
      default:
        return [`      - field: eventHeader.eventName\n        operator: equals\n        value: ${name}`];
    }
  };
  const lines = [`source:\n  topic: ${sourceTopic}\n  schema: ../schemas/raw-event.avsc\nfilters:`];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  - id: f${i}\n    name: "Filter ${i}"\n    consumerId: consumer-${i % 37}\n    outputTopic: ${topicOf(i)}\n    conditions:\n${condition(i).join('\n')}`,
    );
  }
  return lines.join('\n') + '\n';
}
