namespace ApprovalTools;
internal static class Placeholder { }
