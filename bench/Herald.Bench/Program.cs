using System.CommandLine;
using Herald.Bench.Summarization;

var data = new Option<FileInfo>("--data") { Description = "JSONL set: {\"id\", \"article\", \"summary\": [sentences]}.", Required = true };
var sentences = new Option<int>("--sentences") { Description = "Sentences per summary (3 for CNN/DM, 1 for XSum).", DefaultValueFactory = _ => 3 };
var words = new Option<int>("--words") { Description = "Word budget per summary after the first sentence.", DefaultValueFactory = _ => 75 };
var output = new Option<FileInfo?>("--out") { Description = "Write Herald's summaries as JSONL {\"id\", \"summary\": [sentences]}." };
var explore = new Option<string?>("--settings") { Description = "Override summarizer settings, e.g. PositionWeight=0.5,PositionDecay=1 (for exploring; without it, Herald's own: the dek's for 1 sentence, the summary's otherwise)." };
var summarize = new Command("summarize", "ROUGE-1/2/Lsum of Lead-N, TextRank and Herald's summarizer, and milliseconds per article.") { data, sentences, words, output, explore };
summarize.SetAction(parse => SummarizationBenchmark.Run(parse.GetValue(data)!.FullName, parse.GetValue(sentences), parse.GetValue(words), parse.GetValue(output)?.FullName, Console.Out, SettingsParser.Parse(parse.GetValue(explore), parse.GetValue(sentences))));

var sets = new Argument<FileInfo[]>("sets") { Description = "The two JSONL development sets.", Arity = new ArgumentArity(2, 2) };
var top = new Option<bool>("--top") { Description = "Also list the best eight settings on each set, with their scores on the other." };
var crossValidate = new Command("crossval", "Two-fold cross-validation of the summarizer's settings across two sets: chosen on one, reported on the other.") { sets, top };
crossValidate.SetAction(parse => CrossValidation.Run(parse.GetValue(sets)![0].FullName, parse.GetValue(sets)![1].FullName, Console.Out, parse.GetValue(top)));

var feeds = new Option<int>("--feeds") { Description = "Feeds served.", DefaultValueFactory = _ => 100 };
var items = new Option<int>("--items") { Description = "Items per feed (each a teaser whose page is fetched).", DefaultValueFactory = _ => 50 };
var collect = new Command("collect", "Collect N feeds x M items from a local server into Azurite; then again with every feed unchanged (304).") { feeds, items };
collect.SetAction((parse, ct) => Herald.Bench.Collecting.CollectBenchmark.RunAsync(parse.GetValue(feeds), parse.GetValue(items), Console.Out));

var subscribers = new Option<int>("--subscribers") { Description = "Subscribers of the edition.", DefaultValueFactory = _ => 1_000_000 };
var batch = new Option<int>("--batch") { Description = "Recipients per batch and per mail/send request (Delivery:BatchSize).", DefaultValueFactory = _ => 1000 };
var parallel = new Option<int>("--parallel") { Description = "Batches sent at the same time (instances x host.json batchSize).", DefaultValueFactory = _ => 16 };
var gzip = new Option<bool>("--gzip") { Description = "Gzip the request bodies (Delivery:SendGridGzip)." };
var deliver = new Command("deliver", "Fan one 20-story edition out to N subscribers in Azurite and send every batch to a local sink; then the same bodies posted raw.") { subscribers, batch, parallel, gzip };
deliver.SetAction((parse, ct) => Herald.Bench.Delivery.DeliverBenchmark.RunAsync(parse.GetValue(subscribers), parse.GetValue(batch), parse.GetValue(parallel), parse.GetValue(gzip), Console.Out));

var seconds = new Option<int>("--seconds") { Description = "How long the sign-ups go on.", DefaultValueFactory = _ => 60 };
var rate = new Option<int>("--rate") { Description = "Sign-ups a second, arriving at a steady pace.", DefaultValueFactory = _ => 200 };
var signup = new Command("signup", "Sign-ups from many clients against herald serve for N seconds, within the rate limits; then every address looked for in storage and the outbox.") { seconds, rate };
signup.SetAction((parse, ct) => Herald.Bench.Site.SignUpBenchmark.RunAsync(TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(rate), Console.Out));

var groupSize = new Option<int>("--articles") { Description = "Articles in the edition.", DefaultValueFactory = _ => 200 };
var groupRounds = new Option<int>("--rounds") { Description = "Rounds per measurement (the median is reported).", DefaultValueFactory = _ => 5 };
var group = new Command("group", "Grouping an edition's articles into stories, with sentence embeddings and with words alone (the baseline), in one run.") { groupSize, groupRounds };
group.SetAction(parse => Herald.Bench.Editions.GroupingBenchmark.Run(parse.GetValue(groupSize), parse.GetValue(groupRounds), Console.Out));

var renderSeconds = new Option<int>("--seconds") { Description = "Seconds per measurement.", DefaultValueFactory = _ => 5 };
var render = new Command("render", "Editions/s for a 20-story edition (templates and inlined stylesheet) and personalizations/s, each against a baseline in the same run.") { renderSeconds };
render.SetAction((parse, ct) => Herald.Bench.Editions.RenderBenchmark.RunAsync(TimeSpan.FromSeconds(parse.GetValue(renderSeconds)), Console.Out));

var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", Required = true };
var sink = new Command("sink", "The deliver benchmark's receiving end (started by the benchmark itself).") { port };
sink.Hidden = true;
sink.SetAction((parse, ct) => Herald.Bench.Delivery.MailSink.RunAsync(parse.GetValue(port)));

return await new RootCommand("Herald benchmarks") { summarize, crossValidate, collect, deliver, signup, render, group, sink }.Parse(args).InvokeAsync();
