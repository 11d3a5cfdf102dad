using System.CommandLine;
using Herald.Bench.Collecting;
using Herald.Bench.Summarization;

var data = new Option<FileInfo>("--data") { Description = "JSONL set: {\"id\", \"article\", \"summary\": [sentences]}.", Required = true };
var sentences = new Option<int>("--sentences") { Description = "Sentences per summary (3 for CNN/DM, 1 for XSum).", DefaultValueFactory = _ => 3 };
var words = new Option<int>("--words") { Description = "Word budget per summary after the first sentence.", DefaultValueFactory = _ => 75 };
var output = new Option<FileInfo?>("--out") { Description = "Write Herald's summaries as JSONL {\"id\", \"summary\": [sentences]}." };
var explore = new Option<string?>("--settings") { Description = "Override summarizer settings, e.g. PositionWeight=0.5,PositionDecay=1 (for exploring; the defaults are what Herald uses)." };
var summarize = new Command("summarize", "ROUGE-1/2/Lsum of Lead-N, TextRank and Herald's summarizer, and milliseconds per article.") { data, sentences, words, output, explore };
summarize.SetAction(parse => SummarizationBenchmark.Run(parse.GetValue(data)!.FullName, parse.GetValue(sentences), parse.GetValue(words), parse.GetValue(output)?.FullName, Console.Out, SettingsParser.Parse(parse.GetValue(explore))));

var feeds = new Option<int>("--feeds") { Description = "Feeds served.", DefaultValueFactory = _ => 100 };
var items = new Option<int>("--items") { Description = "Items per feed (each a teaser whose page is fetched).", DefaultValueFactory = _ => 50 };
var collect = new Command("collect", "Collect N feeds x M items from a local server into Azurite; then again with every feed unchanged (304).") { feeds, items };
collect.SetAction((parse, ct) => Herald.Bench.Collecting.CollectBenchmark.RunAsync(parse.GetValue(feeds), parse.GetValue(items), Console.Out));

return await new RootCommand("Herald benchmarks") { summarize, collect }.Parse(args).InvokeAsync();
