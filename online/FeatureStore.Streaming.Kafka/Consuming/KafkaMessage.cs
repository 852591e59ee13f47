global using KafkaMessage = Confluent.Kafka.ConsumeResult<byte[]?, byte[]?>;
