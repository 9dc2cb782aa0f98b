namespace Gongkai.BuildingBlocks.Messaging;

/// <summary>
/// The RabbitMQ queue type of every consumer queue (<c>Messaging__QueueType</c>). A queue keeps the type it was declared
/// with: switching an existing broker means deleting its queues first (RabbitMQ refuses a redeclaration of another type).
/// </summary>
public enum QueueType
{
    /// <summary>One copy on one node: the private development broker.</summary>
    Classic,

    /// <summary>Raft-replicated across the cluster's nodes: a message confirmed to a publisher survives the loss of a node.</summary>
    Quorum,
}
