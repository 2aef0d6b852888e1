// With a URL: one unsigned POST to it (the request Invoke-RestMethod sends in the start-up rows), its body read.
// Without: nothing, so that the two programs differ by the first request alone.
using System;
using System.Net.Http;

if (args.Length == 0) return 0;
using var client = new HttpClient();
using var request = new HttpRequestMessage(HttpMethod.Post, args[0]) { Content = new StringContent("{}") };
request.Headers.TryAddWithoutValidation("X-Amz-Target", "CodePipeline_20150709.ListPipelines");
using var response = await client.SendAsync(request);
_ = await response.Content.ReadAsStringAsync();
return 0;
