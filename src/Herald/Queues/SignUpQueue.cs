using Herald.Storage;

namespace Herald.Queues;

public sealed class SignUpQueue(HeraldStorage storage) : JsonQueue<SignUpRequest>(storage, s => s.SignUpQueue);
